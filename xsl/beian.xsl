<?xml version="1.0" encoding="UTF-8"?>
<!--
  beian.xsl: 备案查询 (用工备案管理 → 备案查询), the unit's employment
  registrations.  Views: list (the search and a page of registrations,
  with the export link), reg (one registration: its facts, history and
  actions).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <!-- A registration's status as a badge. -->
  <xsl:template name="emp-status">
    <xsl:param name="status"/>
    <xsl:variable name="cls">
      <xsl:choose>
        <xsl:when test="$status = '在职'">running</xsl:when>
        <xsl:when test="$status = '已撤销'">cancelled</xsl:when>
        <xsl:otherwise>done</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <span class="state state-{$cls}"><xsl:value-of select="$status"/></span>
  </xsl:template>

  <!-- The search form and a page of the unit's registrations. -->
  <xsl:template match="page[@view = 'list']" mode="content">
    <xsl:variable name="q" select="query"/>
    <xsl:call-template name="section"><xsl:with-param name="title">备案查询</xsl:with-param></xsl:call-template>
    <p class="note">按姓名(完整姓名)、身份证号、合同编号、状态或登记日期(备案生效的日期)查询本单位的用工备案,最新登记的在前。已提交、正在审核的用工备案在审核通过后列入本表,办理进度请在<a href="/home">首页</a>的待办任务中查看。</p>
    <form method="get" action="/beian" class="form query">
      <table class="form-grid grid3">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">姓名</xsl:with-param>
            <xsl:with-param name="name">name</xsl:with-param>
            <xsl:with-param name="value" select="$q/@name"/>
            <xsl:with-param name="maxlength">30</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">身份证号</xsl:with-param>
            <xsl:with-param name="name">idno</xsl:with-param>
            <xsl:with-param name="value" select="$q/@idno"/>
            <xsl:with-param name="maxlength">18</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">合同编号</xsl:with-param>
            <xsl:with-param name="name">contract</xsl:with-param>
            <xsl:with-param name="value" select="$q/@contract"/>
            <xsl:with-param name="maxlength">40</xsl:with-param>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">状态</xsl:with-param>
            <xsl:with-param name="name">status</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'status']"/>
            <xsl:with-param name="current" select="$q/@status"/>
            <xsl:with-param name="blank">全部</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">登记日期(起)</xsl:with-param>
            <xsl:with-param name="name">from</xsl:with-param>
            <xsl:with-param name="value" select="$q/@from"/>
            <xsl:with-param name="type">date</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">登记日期(止)</xsl:with-param>
            <xsl:with-param name="name">to</xsl:with-param>
            <xsl:with-param name="value" select="$q/@to"/>
            <xsl:with-param name="type">date</xsl:with-param>
          </xsl:call-template>
        </tr>
      </table>
      <p class="buttons">
        <button type="submit" class="btn btn-primary">查询</button>
        <xsl:text> </xsl:text>
        <a class="btn" href="/beian">重置</a>
        <xsl:text> </xsl:text>
        <a class="btn" href="/yonggong" id="go-yonggong">办理用工备案</a>
        <xsl:if test="registrations">
          <xsl:text> </xsl:text>
          <xsl:call-template name="link">
            <xsl:with-param name="href" select="$q/@export"/>
            <xsl:with-param name="label">导出Excel(登记清单)</xsl:with-param>
            <xsl:with-param name="class" select="'btn export'"/>
          </xsl:call-template>
        </xsl:if>
      </p>
    </form>
    <xsl:for-each select="registrations">
      <table class="grid registrations">
        <thead>
          <tr><th>姓名</th><th>身份证号</th><th>合同编号</th><th>用工形式</th><th>用工范围</th><th>用工之日</th><th>登记日期</th><th>状态</th><th>操作</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="reg">
            <tr>
              <td><xsl:value-of select="@name"/></td>
              <td class="mono"><xsl:value-of select="@idno"/></td>
              <td class="mono"><xsl:value-of select="@contract"/></td>
              <td><xsl:value-of select="@work-form"/></td>
              <td><xsl:value-of select="@category"/></td>
              <td class="time"><xsl:value-of select="@hire-date"/></td>
              <td class="time">
                <xsl:value-of select="@registered"/>
                <xsl:if test="@late = '1'"><xsl:text> </xsl:text><span class="state state-returned">逾期</span></xsl:if>
              </td>
              <td><xsl:call-template name="emp-status"><xsl:with-param name="status" select="@status"/></xsl:call-template></td>
              <td class="ops"><a class="op" href="/beian/reg?id={@id}">查看</a></td>
            </tr>
          </xsl:for-each>
          <xsl:if test="not(reg)">
            <xsl:call-template name="empty-row"><xsl:with-param name="cols">9</xsl:with-param></xsl:call-template>
          </xsl:if>
        </tbody>
      </table>
      <xsl:for-each select="pager">
        <xsl:call-template name="pager">
          <xsl:with-param name="total" select="@total"/>
          <xsl:with-param name="page" select="@page"/>
          <xsl:with-param name="size" select="@size"/>
          <xsl:with-param name="base-url" select="@base"/>
          <xsl:with-param name="unit" select="'条'"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- One registration: the person, the contract, its history and what
       may be done with it now. -->
  <xsl:template match="page[@view = 'reg']" mode="content">
    <xsl:variable name="r" select="registration"/>
    <xsl:variable name="p" select="person"/>
    <xsl:call-template name="section"><xsl:with-param name="title">用工备案详情</xsl:with-param></xsl:call-template>
    <p><a class="op" href="/beian">返回备案查询</a></p>
    <table class="form-grid grid3 registration">
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">姓名</xsl:with-param><xsl:with-param name="value" select="$r/@name"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">身份证号</xsl:with-param><xsl:with-param name="value" select="$r/@idno"/></xsl:call-template>
        <th>状态</th>
        <td class="readonly"><xsl:call-template name="emp-status"><xsl:with-param name="status" select="$r/@status"/></xsl:call-template></td>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">性别</xsl:with-param><xsl:with-param name="value" select="$p/@sex"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">出生日期</xsl:with-param><xsl:with-param name="value" select="$p/@birth"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">户籍类型</xsl:with-param><xsl:with-param name="value" select="$p/@hukou-type"/></xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">登记类型</xsl:with-param><xsl:with-param name="value" select="$r/@reg-type"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">用工形式</xsl:with-param><xsl:with-param name="value" select="$r/@work-form"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">用工范围</xsl:with-param><xsl:with-param name="value" select="$r/@category"/></xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">合同编号</xsl:with-param><xsl:with-param name="value" select="$r/@contract"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">合同起始日期</xsl:with-param><xsl:with-param name="value" select="$r/@start-date"/></xsl:call-template>
        <th>合同终止日期</th>
        <td class="readonly">
          <xsl:choose>
            <xsl:when test="$r/@end-date != ''"><xsl:value-of select="$r/@end-date"/></xsl:when>
            <xsl:otherwise>无固定期限</xsl:otherwise>
          </xsl:choose>
        </td>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">岗位</xsl:with-param><xsl:with-param name="value" select="$r/@post"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">工种</xsl:with-param><xsl:with-param name="value" select="$r/@job-type"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">月工资(元)</xsl:with-param><xsl:with-param name="value" select="$r/@wage"/></xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">用工之日</xsl:with-param><xsl:with-param name="value" select="$r/@hire-date"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">登记日期</xsl:with-param><xsl:with-param name="value" select="$r/@registered"/></xsl:call-template>
        <th>逾期登记</th>
        <td class="readonly"><xsl:call-template name="yes-no"><xsl:with-param name="v" select="$r/@late"/></xsl:call-template></td>
      </tr>
      <tr>
        <th>登记地</th>
        <td class="readonly">
          <xsl:choose>
            <xsl:when test="$r/@reg-region != ''"><xsl:value-of select="$r/@reg-region"/></xsl:when>
            <xsl:otherwise>本单位所在地</xsl:otherwise>
          </xsl:choose>
        </td>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">终止日期</xsl:with-param><xsl:with-param name="value" select="$r/@ended"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">撤销时间</xsl:with-param><xsl:with-param name="value" select="$r/@revoked"/></xsl:call-template>
      </tr>
    </table>

    <xsl:call-template name="section"><xsl:with-param name="title">办理记录</xsl:with-param></xsl:call-template>
    <table class="grid history">
      <thead><tr><th>环节</th><th>业务顺序号</th><th>状态</th><th>时间</th><th>操作</th></tr></thead>
      <tbody>
        <xsl:for-each select="history/event">
          <tr>
            <td><strong><xsl:value-of select="@role"/></strong></td>
            <td class="mono"><xsl:value-of select="@seq"/></td>
            <td>
              <xsl:call-template name="state-badge"><xsl:with-param name="state" select="@state"/></xsl:call-template>
              <xsl:if test="@returned = '1'"><xsl:text> </xsl:text><xsl:call-template name="state-badge"><xsl:with-param name="state" select="'回退'"/></xsl:call-template></xsl:if>
            </td>
            <td class="time"><xsl:value-of select="@at"/></td>
            <td class="ops">
              <xsl:call-template name="link">
                <xsl:with-param name="href" select="@href"/>
                <xsl:with-param name="label">查看</xsl:with-param>
                <xsl:with-param name="class" select="'op'"/>
              </xsl:call-template>
            </td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(history/event)">
          <tr class="empty"><td colspan="5">本备案为网上服务大厅开通前登记,没有网上办理记录</td></tr>
        </xsl:if>
      </tbody>
    </table>

    <xsl:if test="actions/action">
      <xsl:call-template name="section"><xsl:with-param name="title">可办理</xsl:with-param></xsl:call-template>
      <p class="buttons actions">
        <xsl:for-each select="actions/action">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:call-template name="link">
            <xsl:with-param name="href" select="@href"/>
            <xsl:with-param name="label" select="."/>
            <xsl:with-param name="class" select="concat('btn action-', @kind)"/>
          </xsl:call-template>
        </xsl:for-each>
      </p>
      <xsl:if test="$r/@status = '已撤销'">
        <p class="note">该用工备案已撤销,不能再办理撤销或退工。</p>
      </xsl:if>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
